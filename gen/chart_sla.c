#include "chart_canvas.h"

void chart_sla_draw(struct canvas *cv, const struct stats *s)
{
	(void)s;
	chart_nodata_draw(cv, "sla", "todo");
}
