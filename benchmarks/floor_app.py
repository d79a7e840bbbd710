"""The floor for the dashboard: a minimal Streamlit page drawing one Plotly bar chart.

Benchmarks compare the real overview against this page on the same machine in the same run.
The bar count comes from FLOOR_BARS (default 17, the countries in today's data).
"""

import os

import plotly.graph_objects as go
import streamlit as st

bars = int(os.environ.get("FLOOR_BARS", "17"))
st.plotly_chart(go.Figure(go.Bar(x=list(range(bars)), y=list(range(bars)))), key="floor")
