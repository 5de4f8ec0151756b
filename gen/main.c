#include <stdio.h>
int main(void) { puts("ttfv"); return 0; }
