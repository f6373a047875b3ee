package org.crmkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crmkit.shared.ConfigurationException;
import org.junit.jupiter.api.Test;

class CrmBuilderTest {

  @Test
  void refusesToBuildWithoutStorageAndSaysWhatToDo() {
    assertThatThrownBy(() -> Crm.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("InMemoryStorage.create()");
  }

  @Test
  void refusesANullTenantToServeAndSaysToLeaveItOut() {
    assertThatThrownBy(() -> Crm.builder().onlyTenant(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("onlyTenant must not be null; leave it out to keep the default");
  }

  @Test
  void refusesABulkConversionChunkSizeOutsideOneToTenThousandAndNamesTheDefault() {
    for (int wrong : new int[] {0, -1, 10_001}) {
      assertThatThrownBy(() -> Crm.builder().bulkConversionChunkSize(wrong))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("bulkConversionChunkSize must be 1 to 10000 leads per unit of work, was " + wrong)
          .hasMessageContaining("default of 100");
    }
  }
}
