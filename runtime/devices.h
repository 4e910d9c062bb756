#ifndef RUNTIME_DEVICES_H
#define RUNTIME_DEVICES_H

struct dt;

/* Offer every DT node to the drivers linked into the image (drivers/driver.h). */
void devices_probe(const struct dt *dt);

#endif
