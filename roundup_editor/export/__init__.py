"""Export a post into a Docusaurus site: site detection, the atomic post folder, the CLI."""
