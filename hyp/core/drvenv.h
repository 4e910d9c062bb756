/* The hyp's side of drivers/env.h (drvenv.c): interrupts of the devices it drives. */
#ifndef CORE_DRVENV_H
#define CORE_DRVENV_H

/* Run the handler a driver registered for intid; 0 if there was one. */
int drv_irq_dispatch(unsigned intid);

#endif
