package org.crmkit.boot3;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application on Spring Boot 3.5 with JPA and the crmkit starter. */
@SpringBootApplication
public class Boot3Application {}
