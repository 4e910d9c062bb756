/* The hyp's own messages: one "(hyp) ..." line each on the console. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
