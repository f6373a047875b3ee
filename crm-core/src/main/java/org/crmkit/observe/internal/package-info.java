/** How use cases are observed and logged; reached only through {@code Crm.builder()}. */
package org.crmkit.observe.internal;
