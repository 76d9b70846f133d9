"""Parsing: the grammar, Lark's tree turned into our AST (`ast`), EXTERN loading, syntax errors."""
