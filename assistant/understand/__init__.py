"""Understanding a question: the facts, amounts, topic and councils it names, read from its words."""
