"""Moslik's Streamlit app: pages, widgets and the English and Uzbek message catalogues."""
