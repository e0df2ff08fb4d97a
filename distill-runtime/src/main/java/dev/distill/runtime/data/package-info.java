/**
 * Reading labeled texts from TSV, CSV and JSON Lines files: one reader,
 * {@link dev.distill.runtime.data.TextFileReader}, for the command line's {@code eval} and
 * {@code bench} and for the distillation engine, so a text reads the same in both (RFC 4180
 * quoting in TSV and CSV, strict UTF-8, errors as {@code file:line: problem}, bad rows failing or
 * skipped and counted by {@link dev.distill.runtime.data.BadRows}).
 */
package dev.distill.runtime.data;
