"""Hand-run developer tools (plate model training and calibration, i18n, screenshots)."""
