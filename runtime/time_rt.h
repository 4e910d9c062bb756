#ifndef RUNTIME_TIME_RT_H
#define RUNTIME_TIME_RT_H

/* Counter frequency and the timer interrupt, from the DT; needs irq_init() first. */
struct dt;
void time_init(const struct dt *dt);

#endif
