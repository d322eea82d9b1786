"""Small invented reports of one shooting, and an unrelated one: the toll tests' stories."""

from storyledger.records import Article

__all__ = ["EARLY", "LATE", "QUIET"]

EARLY = Article(id="early", source="Daily A", published="2024-05-03",
                text="One man was killed in a shooting outside a bar on Elm Street late on Friday, police said. "
                     "Officers were called to the scene shortly after midnight.")
LATE = Article(id="late", source="Courier B", published="2024-05-04",
               text="Two men were killed in a shooting outside a bar on Elm Street late on Friday, police said on "
                    "Saturday. A second victim died in hospital overnight.")
QUIET = Article(id="quiet", source="Daily A", published="2024-05-03",
                text="The city council approved a new budget for the coming year on Tuesday. "
                     "The vote was seven to two after a long debate about road repairs.")
