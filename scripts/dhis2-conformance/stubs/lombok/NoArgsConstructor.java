package lombok;

/** Stand-in for lombok's annotation: the private constructor it would add is not needed to read files. */
public @interface NoArgsConstructor {
  AccessLevel access() default AccessLevel.PUBLIC;
}
