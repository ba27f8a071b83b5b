"""The registry: certificates, recognition and expiry, the public register, imported products and
producers."""
