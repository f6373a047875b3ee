/**
 * The Spring Boot starter: {@link org.crmkit.spring.boot.CrmkitAutoConfiguration} and its parts. Add the
 * dependency {@code org.crmkit:crm-spring-boot-starter}; nothing else is needed for a {@code Crm} bean.
 */
package org.crmkit.spring.boot;
