package dev.distill.engine.spec;

/**
 * The defaults of the descriptor settings, read from the annotation members that declare them
 * ({@code double alpha() default 0.7}): the one place a default is written. Code that builds the engine's
 * configurations without a descriptor (tests, benchmarks) starts from these, so it trains as an annotation with the
 * same settings would.
 */
public final class DescriptorDefaults {

    private DescriptorDefaults() {
    }

    /** The default of a {@code double} setting, e.g. {@code alpha}; NaN for an unset one ({@code finalTemperature}). */
    public static double real(String setting) {
        return of(setting, Double.class);
    }

    /** The default of an {@code int} setting, e.g. {@code epochs}. */
    public static int integer(String setting) {
        return of(setting, Integer.class);
    }

    /** The default of a {@code long} setting ({@code seed}). */
    public static long longInteger(String setting) {
        return of(setting, Long.class);
    }

    /** The default of an enum setting, e.g. {@code softLoss}. */
    public static <E extends Enum<E>> E constant(String setting, Class<E> type) {
        return of(setting, type);
    }

    private static <T> T of(String setting, Class<T> type) {
        Object value = SettingCatalog.defaultValue(setting).orElseThrow(() -> new IllegalArgumentException(
                "the descriptor setting " + setting + " has no default"));
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("the default of the descriptor setting " + setting + " is " + value
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
