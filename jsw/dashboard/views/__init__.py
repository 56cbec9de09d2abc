"""The dashboard's pages, one module per area; each view checks its role first."""
