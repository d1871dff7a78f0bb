package lombok;

/** Stand-in for lombok's enum: the conformance harness compiles DHIS2's classes without lombok. */
public enum AccessLevel { PUBLIC, MODULE, PROTECTED, PACKAGE, PRIVATE, NONE }
