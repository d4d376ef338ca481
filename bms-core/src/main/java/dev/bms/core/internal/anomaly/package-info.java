/**
 * Anomaly detection on finished executions: per-job baselines of robust statistics kept
 * incrementally ({@link dev.bms.core.internal.anomaly.Baseline}), the pure detector comparing one
 * execution with them ({@link dev.bms.core.internal.anomaly.AnomalyDetector}), the data-path
 * signals of managed runs (changed share, gained extensions, encrypted-looking content sampled
 * while hashing: {@link dev.bms.core.internal.anomaly.DataPathSignals}), and the evaluator that
 * reads and writes the baselines of a batch of executions in a fixed number of statements
 * ({@link dev.bms.core.internal.anomaly.AnomalyEvaluator}).
 */
package dev.bms.core.internal.anomaly;
