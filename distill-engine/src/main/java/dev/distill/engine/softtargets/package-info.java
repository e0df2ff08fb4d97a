/**
 * Soft targets computed outside the build ({@code @Dataset(softTargets)}): a folder of rows (a text, its SHA-256, the
 * teacher's logits and optionally its sentence vector), as distill-spark's labelling job writes them. The folder's
 * layout ({@link SoftTargetFolder}), the columns ({@link SoftTargetColumns}) and the checks of its rows
 * ({@link SoftTargets}) are the engine's; the file format is read by a {@link SoftTargetReader} found on the class
 * path ({@link SoftTargetReaders}), so that the engine carries no Parquet library unless a build reads one.
 */
package dev.distill.engine.softtargets;
