"""Model inspection: why a fitted model predicts what it does.

SHAP summaries (with the optional ``shap`` package), permutation importance,
partial dependence and ICE curves, local surrogate explanations of one
instance, decision boundaries and the instances the model gets wrong.
"""

from vizkit.registry import export_family

__all__ = export_family(__name__, __path__, globals())

# Permutation importance is declared in model_selection (its registry family);
# it is re-exported here, where model explanations live, not declared twice.
from vizkit.model_selection.permutation import (  # noqa: E402
    PermutationImportance,
    permutation_importance,
)

__all__ += ["PermutationImportance", "permutation_importance"]
