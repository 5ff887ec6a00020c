"""t-SNE embedding of the handwritten digits, fitted on a seeded sample

``Manifold`` embeds the 64 pixel intensities of each 8x8 digit image in two
dimensions with t-SNE and colours each point by the digit it shows. t-SNE's
cost grows quickly with the rows, so ``sample=1000`` fits it on a seeded
random sample of 1,000 of the 1,797 images; the title says so and gives the
fit time. Points close together are images that look alike: each digit
forms one main island, some with small satellites (the 1s come in two
styles), and the few points stranded in another digit's island are the
images a classifier is likely to confuse. In t-SNE only neighbourhoods
are meaningful: the distances between islands and their sizes are not.
"""

import matplotlib.pyplot as plt

from vizkit.datasets import load_digits
from vizkit.features import Manifold

digits = load_digits()

fig, ax = plt.subplots(figsize=(7.5, 6))
viz = Manifold(manifold="tsne", sample=1000, random_state=0, ax=ax)
viz.fit(digits.X, digits.y)  # embeds the sample; draws nothing yet
viz.finalize()
# Ten classes fill a legend: keep it beside the points, not on them.
viz.legend_.set_loc("center left")
viz.legend_.set_bbox_to_anchor((1.01, 0.5))
viz.legend_.set_title("digit")
fig.tight_layout()
viz.show()
