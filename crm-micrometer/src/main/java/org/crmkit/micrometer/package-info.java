/** Micrometer metrics for crmkit: {@link org.crmkit.micrometer.MicrometerCrmObserver}. */
package org.crmkit.micrometer;
