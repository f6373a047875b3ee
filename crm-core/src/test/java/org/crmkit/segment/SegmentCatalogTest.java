package org.crmkit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class SegmentCatalogTest {
  private final SegmentCatalog catalog = SegmentCatalog.of(
      SegmentDimension.of("industry", "Industry", "retail", "software"),
      SegmentDimension.of("size", "Company size", "small", "large").onlyFor(RecordType.ACCOUNT));

  @Test
  void acceptsKnownDimensionsAndValues() {
    assertThatCode(() -> catalog.validate(RecordType.ACCOUNT, Segments.of(Map.of("industry", "retail", "size", "small"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> catalog.validate(RecordType.OPPORTUNITY, Segments.of(Map.of("industry", "software"))))
        .doesNotThrowAnyException();
    assertThat(catalog.restricted()).isTrue();
    assertThat(catalog.carries(RecordType.ACCOUNT, "size")).isTrue();
    assertThat(catalog.carries(RecordType.OPPORTUNITY, "size")).as("size is only for accounts").isFalse();
    // The same catalog refuses what it does not know, so the passes above are not vacuous.
    assertThatThrownBy(() -> catalog.validate(RecordType.ACCOUNT, Segments.of(Map.of("industry", "mining"))))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void namesEveryUnknownDimensionValueOrWrongRecordType() {
    assertThatThrownBy(() -> catalog.validate(RecordType.OPPORTUNITY,
            Segments.of(Map.of("industry", "mining", "region", "north", "size", "small"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field)
            .containsExactlyInAnyOrder("segments.industry", "segments.region", "segments.size"))
        .hasMessageContaining("'mining' is not one of [retail, software]");
  }

  @Test
  void unrestrictedAcceptsAnything() {
    SegmentCatalog unrestricted = SegmentCatalog.unrestricted();

    assertThat(unrestricted.restricted()).isFalse();
    assertThat(unrestricted.dimensions()).isEmpty();
    assertThatCode(() -> unrestricted.validate(RecordType.ACCOUNT, Segments.of(Map.of("anything", "goes"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> unrestricted.validate(RecordType.OPPORTUNITY,
            Segments.of(Map.of("industry", "mining", "region", "north"))))
        .doesNotThrowAnyException();
    assertThat(unrestricted.carries(RecordType.OPPORTUNITY, "anything")).isTrue();
  }

  @Test
  void inheritsOnlyDimensionsThatApplyAndLetsGivenValuesWin() {
    Segments merged = catalog.inherit(RecordType.OPPORTUNITY, Segments.of(Map.of("industry", "software")),
        Segments.of(Map.of("industry", "retail", "size", "large")));
    assertThat(merged.values()).isEqualTo(Map.of("industry", "software"));
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> SegmentDimension.of("industry", "Industry")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentDimension.of("bad key", "x", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentDimension.of("industry", "Industry", "a").onlyFor(RecordType.LEAD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentCatalog.of(SegmentDimension.of("a", "A", "x"), SegmentDimension.of("a", "A", "y")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
