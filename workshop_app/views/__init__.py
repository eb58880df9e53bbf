"""Read models for screens: plain queries returning frozen rows, masked where public."""
