"""The dataset: customers, their orders, and what is derived from them."""
