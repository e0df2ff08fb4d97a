/**
 * The engine's reader of {@code @Dataset(softTargets)} folders: Parquet read with DuckDB's JDBC driver
 * ({@link DuckDbSoftTargetReader}), found by the engine with {@link java.util.ServiceLoader}.
 */
package dev.distill.parquet;
