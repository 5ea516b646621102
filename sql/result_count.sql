SELECT count(*)
FROM out_{name}
WHERE $pattern IS NULL OR {haystack} ILIKE $pattern ESCAPE '\';
