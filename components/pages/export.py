"""The page script st.navigation runs; the page itself is components.views.export.render_page.

Kept to three lines: Streamlit compiles a page script on its first run (AppTest: on every run).
"""

from components.context import current
from components.views.export import render_page

render_page(current())
