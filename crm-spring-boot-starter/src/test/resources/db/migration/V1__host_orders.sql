-- The host application's own first migration: its version 1 lives beside crmkit's version 1 without a clash.
CREATE TABLE host_order (id BIGINT PRIMARY KEY, title VARCHAR(100) NOT NULL, opportunity_id UUID);
