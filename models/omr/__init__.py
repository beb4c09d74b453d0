"""Paper ballots read by machine (issue 20): print sheets that can be read, find the page in a
scan, read every box. Pure: no database, no audit log, no UI words — readings carry short ascii
reason codes that the caller turns into its own wording."""
