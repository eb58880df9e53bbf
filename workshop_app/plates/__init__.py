"""Everything from an image to a matched vehicle: grammar, OCR engines, voting, matching."""
