/* /bin/true. */
int main(void) { return 0; }
