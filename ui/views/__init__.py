"""One module per page of the app; each has `render(ctx, user)`.

The folder is not called `pages`, because Streamlit would then add its own page list.
"""
