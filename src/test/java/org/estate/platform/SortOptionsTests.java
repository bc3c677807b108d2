package org.estate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The natural sort key and the sort parameter, without a database (the HTTP tests cover both databases). */
@Tag("unit")
class SortOptionsTests {

    record Row(long id, String name, Integer size) {
    }

    static final SortOptions<Row> SORT = SortOptions.<Row>by("name")
        .key("name", "name_key", Row::name).value("size", "size", Row::size).tieBreaker("id", Row::id);

    @Test
    void naturalKeysOrderNumbersByValueAndIgnoreCase() {
        List<String> names = List.of("srv10", "Srv2", "srv02b", "SRV1", "srv", "srv-1", "a10b2", "a10b10", "a9", "x0000");
        List<String> sorted = names.stream().sorted(NaturalOrder.COMPARATOR).toList();
        assertThat(sorted).containsExactly("a9", "a10b2", "a10b10", "srv", "srv-1", "SRV1", "Srv2", "srv02b", "srv10", "x0000");
        assertThat(NaturalOrder.key("Srv10")).isEqualTo("srv00210");
        assertThat(NaturalOrder.key("x0000")).isEqualTo("x0010");
        assertThat(NaturalOrder.key(null)).isNull();
    }

    @Test
    void theSortParameterIsReadAgainstTheWhitelistOnly() {
        assertThat(SORT.parse(null).param()).isEqualTo("name");
        assertThat(SORT.parse(" -size , name ").param()).isEqualTo("-size,name");
        assertThatThrownBy(() -> SORT.parse("name; DROP TABLE ci")).isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(((ValidationException) e).errors().getFirst().field()).isEqualTo("sort"));
        assertThatThrownBy(() -> SORT.parse("size,-size")).isInstanceOf(ValidationException.class);
    }

    @Test
    void orderByUsesTheMappedExpressionsEndsWithTheTieBreakerAndComparesTextByCodePointOnPostgres() {
        SqlDialect h2 = new SqlDialect(null) {
            @Override
            public boolean postgres() {
                return false;
            }
        };
        SqlDialect postgres = new SqlDialect(null) {
            @Override
            public boolean postgres() {
                return true;
            }
        };
        assertThat(SORT.orderBy(SORT.parse("-name,size"), h2)).isEqualTo(" ORDER BY name_key DESC, size ASC, id DESC");
        assertThat(SORT.orderBy(SORT.parse("name"), postgres)).isEqualTo(" ORDER BY name_key COLLATE \"C\" ASC, id ASC");
    }

    @Test
    void listsReadWholeSortAndPageInJavaWithNullsLastAscending() {
        List<Row> rows = List.of(new Row(1, "b", 2), new Row(2, "A", null), new Row(3, "c10", 1), new Row(4, "C9", 2));
        PageResult<Row> bySize = SORT.page(rows, SORT.parse("size,-name"), Paging.of(0, 3));
        assertThat(bySize.items()).extracting(Row::id).containsExactly(3L, 4L, 1L);
        assertThat(bySize.total()).isEqualTo(4);
        assertThat(SORT.page(rows, SORT.parse("-size"), Paging.of(0, 10)).items()).extracting(Row::id).startsWith(2L);
        assertThat(SORT.page(rows, SORT.parse("name"), Paging.of(1, 2)).items()).extracting(Row::name).containsExactly("C9", "c10");
        assertThat(SORT.page(rows, null, Paging.of(0, 2)).items()).extracting(Row::id).containsExactly(1L, 2L);
    }
}
