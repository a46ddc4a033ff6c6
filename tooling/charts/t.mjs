import * as echarts from 'echarts';

const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 });
chart.setOption({
  animation: false,
  xAxis: { type: 'value' },
  yAxis: { type: 'log' },
  series: [
    {
      type: 'line',
      data: [
        [0, 1],
        [10, 0.1],
        [20, 0.01],
      ],
    },
    { type: 'heatmap', data: [] },
  ].slice(0, 1),
});
console.log(
  chart.convertToPixel({ seriesIndex: 0 }, [10, 0.1]),
  chart.convertToPixel({ seriesIndex: 0 }, [0, 1]),
);
chart.setOption(
  {
    xAxis: { type: 'category', data: ['a', 'b', 'c'] },
    yAxis: { type: 'category', data: ['x', 'y'] },
    visualMap: { min: 0, max: 1, show: false },
    series: [
      {
        type: 'heatmap',
        data: [
          [0, 0, 0.5],
          [1, 1, 0.2],
        ],
      },
    ],
  },
  true,
);
console.log(
  chart.convertToPixel({ seriesIndex: 0 }, [1, 1]),
  chart.convertToPixel({ seriesIndex: 0 }, [0, 0]),
);
