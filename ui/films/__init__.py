"""The film list: its model and filter (``model``), the pane (``pane``), the sort menu, the
first-launch welcome, and the New/Edit/Delete film flows."""
