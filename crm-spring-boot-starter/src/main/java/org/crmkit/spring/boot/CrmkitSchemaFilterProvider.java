package org.crmkit.spring.boot;

import java.util.Locale;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Keeps Hibernate's schema tooling ({@code spring.jpa.hibernate.ddl-auto} create, drop, update, truncate) away
 * from crmkit's tables ({@code crm_*}): crmkit's migrations create and change them, and a create-drop must not
 * replace them with tables made from the mapping. Validation still checks them. Set by the starter on the
 * application's persistence unit unless the application names a filter of its own.
 */
public final class CrmkitSchemaFilterProvider implements SchemaFilterProvider {
  private static final SchemaFilter ALL_BUT_CRMKIT = new SchemaFilter() {
    @Override
    public boolean includeNamespace(Namespace namespace) {
      return true;
    }

    @Override
    public boolean includeTable(Table table) {
      return !table.getName().toLowerCase(Locale.ROOT).startsWith("crm_");
    }

    @Override
    public boolean includeSequence(Sequence sequence) {
      return true;
    }
  };

  private static final SchemaFilter ALL = new SchemaFilter() {
    @Override
    public boolean includeNamespace(Namespace namespace) {
      return true;
    }

    @Override
    public boolean includeTable(Table table) {
      return true;
    }

    @Override
    public boolean includeSequence(Sequence sequence) {
      return true;
    }
  };

  @Override
  public SchemaFilter getCreateFilter() {
    return ALL_BUT_CRMKIT;
  }

  @Override
  public SchemaFilter getDropFilter() {
    return ALL_BUT_CRMKIT;
  }

  @Override
  public SchemaFilter getTruncatorFilter() {
    return ALL_BUT_CRMKIT;
  }

  @Override
  public SchemaFilter getMigrateFilter() {
    return ALL_BUT_CRMKIT;
  }

  @Override
  public SchemaFilter getValidateFilter() {
    return ALL;
  }
}
