POSITIONAL JOIN pscores_{i} AS p{i}
