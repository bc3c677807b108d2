package org.estate.platform;

/**
 * A column holding values sealed with {@link Secrets}: declare one as a bean and, at every start,
 * values sealed with an older key are re-sealed with the current one (key rotation, see the
 * README). {@code table}, {@code idColumn} and {@code column} are fixed names in code, never input.
 */
public record SealedColumn(String table, String idColumn, String column) {

    public SealedColumn {
        for (String name : new String[] {table, idColumn, column}) {
            if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("Not a plain SQL name: " + name);
            }
        }
    }
}
