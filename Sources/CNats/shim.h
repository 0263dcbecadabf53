// The NATS C client (Debian libnats-dev 3.4.1): connections, JetStream publish and pull consumers.
#include <nats/nats.h>
