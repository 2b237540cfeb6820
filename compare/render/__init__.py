"""Files made of one story's content (``compare.story``): the offline HTML report (``report``), the
printable comparison card (``card``) and the zip of every chart and table (``bundle``)."""
