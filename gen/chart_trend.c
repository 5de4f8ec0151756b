#include "chart_canvas.h"

void chart_trend_draw(struct canvas *cv, const struct stats *s)
{
	(void)s;
	chart_nodata_draw(cv, "trend", "todo");
}
