/**
 * Evaluation metrics of the GLUE benchmark (Wang et al., 2018): accuracy, binary F1 (positive
 * class 1), Matthews correlation coefficient (Matthews, 1975; the K-class form of Gorodkin,
 * 2004), Pearson and Spearman correlation.
 *
 * <p>{@link io.heformer.nn.metrics.ClassificationMetrics} and
 * {@link io.heformer.nn.metrics.CorrelationMetrics} hold the formulas;
 * {@link io.heformer.nn.metrics.Metric} names them so a task can say which one it reports.
 * Degenerate inputs follow scikit-learn / SciPy: F1 and MCC are 0 when undefined, the
 * correlations are NaN when a variance is 0.
 */
package io.heformer.nn.metrics;
