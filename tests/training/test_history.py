"""TrainingCurve.from_history: Keras dicts, PyTorch lists of dicts, CSV files."""

from __future__ import annotations

import csv

import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from vizkit.exceptions import VizkitValueError
from vizkit.training import TrainingCurve

KERAS = {
    "loss": [0.9, 0.6, 0.5, 0.45],
    "accuracy": [0.6, 0.7, 0.8, 0.85],
    "val_loss": [1.0, 0.7, 0.65, 0.7],
    "val_accuracy": [0.55, 0.68, 0.75, 0.74],
}


def check_keras(viz):
    assert_array_equal(viz.epochs_, [1, 2, 3, 4])
    assert_allclose(viz.loss_, KERAS["loss"])
    assert_allclose(viz.validation_loss_, KERAS["val_loss"])
    assert_allclose(viz.train_scores_, KERAS["accuracy"])
    assert_allclose(viz.validation_scores_, KERAS["val_accuracy"])
    assert viz.best_epoch_ == 3  # the highest val_accuracy


def test_keras_dict_round_trip():
    viz = TrainingCurve.from_history(KERAS)
    check_keras(viz)
    assert set(viz.lines_) == {"loss", "validation_loss", "train_scores",
                               "validation_scores"}  # fmt: skip
    assert_allclose(viz.lines_["validation_loss"].get_ydata(), KERAS["val_loss"])
    assert viz.ax_.get_ylabel() == "accuracy"
    plt.close("all")


def test_list_of_dicts_round_trip_with_a_gap():
    records = [dict(zip(KERAS, values)) for values in zip(*KERAS.values())]
    check_keras(TrainingCurve.from_history(records))
    records[1] = {k: v for k, v in records[1].items() if k != "val_loss"}
    viz = TrainingCurve.from_history(records)
    assert np.isnan(viz.validation_loss_[1])
    plt.close("all")


def test_csv_logger_file_round_trip(tmp_path):
    path = tmp_path / "log.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["epoch", *KERAS])
        for epoch, values in enumerate(zip(*KERAS.values())):
            writer.writerow([epoch, *values])
    check_keras(TrainingCurve.from_history(path))
    check_keras(TrainingCurve.from_history(str(path), curves="loss"))
    plt.close("all")


def test_dataframe_and_train_prefix_and_metric():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"train_loss": [2.0, 1.0], "val_loss": [2.5, 1.5],
                          "train_f1": [0.1, 0.2], "val_f1": [0.3, 0.2],
                          "train_acc": [0.5, 0.6]})  # fmt: skip
    viz = TrainingCurve.from_history(frame, metric="acc")
    assert_allclose(viz.loss_, [2.0, 1.0])
    assert_allclose(viz.train_scores_, [0.5, 0.6])
    assert viz.validation_scores_ is None and viz.best_epoch_ == 2
    plt.close("all")


@pytest.mark.parametrize(
    "history, match",
    [
        ({}, "history is empty"),
        ({"loss": [1.0, 0.5], "val_loss": [1.0]}, "history is ragged"),
        ({"loss": ["a", "b"]}, "not numbers"),
        ([1, 2], "not all dicts"),
        (42, "not a training log"),
    ],
)
def test_bad_histories_name_the_argument(history, match):
    with pytest.raises(VizkitValueError, match=match):
        TrainingCurve.from_history(history)
    assert plt.get_fignums() == []


def test_missing_csv_and_unknown_metric(tmp_path):
    with pytest.raises(VizkitValueError, match="cannot be read"):
        TrainingCurve.from_history(tmp_path / "none.csv")
    with pytest.raises(VizkitValueError, match="metric='auc'"):
        TrainingCurve.from_history(KERAS, metric="auc")
