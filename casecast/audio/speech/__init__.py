"""The spoken script of a case: Markdown to utterances, normalised text (numbers, lexicon), and its store."""
