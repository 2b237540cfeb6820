"""Streamlit pieces of the dashboard that app.py places: the forms that add articles and the manager of
the user's own corpus. Widgets only: what they save and read is compare.workspace's and
compare.article_changes' job."""
