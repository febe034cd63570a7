"""Records to and from other formats people use: the form as a Word document (.docx), filled or
empty (`word`), and a filled one read back into a record (`importar`), for focal points who work in
Word and e-mail and have no GitHub account. Both are generated from the same field descriptions
(schema/campos.yml, schema/campos-perfil.yml) as everything else.
"""
