"""The page script st.navigation runs; the page itself is components.views.overview.render.

Kept to three lines: Streamlit compiles a page script on its first run (AppTest: on every run).
"""

from components.context import current
from components.views.overview import render

render(current())
