"""Tables people prepare in Excel or CSV and hand to an import: columns described as data,
headings matched however they are written, every row checked before anything is written."""
