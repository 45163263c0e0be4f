import type { StylesheetJson } from 'cytoscape';

// Colours chosen for 4.5:1 contrast of labels on the white canvas; kinds differ by shape as well as colour.
export function topologyStyle(large: boolean): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': '#4b5563',
        label: 'data(label)',
        color: '#1f2937',
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-max-width': '140px',
        'text-wrap': 'ellipsis',
        width: 26,
        height: 26,
        'min-zoomed-font-size': large ? 9 : 0,
        'border-width': 0,
      },
    },
    { selector: 'node.kind-internet', style: { shape: 'diamond', 'background-color': '#b91c1c' } },
    { selector: 'node.kind-external', style: { shape: 'diamond', 'background-color': '#9f1239' } },
    { selector: 'node.kind-identity', style: { shape: 'ellipse', 'background-color': '#0f766e' } },
    { selector: 'node.kind-data', style: { shape: 'barrel', 'background-color': '#1d4ed8' } },
    { selector: 'node.entry', style: { shape: 'round-rectangle', 'background-color': '#c2410c', width: 34, height: 26 } },
    { selector: 'node.target', style: { shape: 'star', 'background-color': '#6d28d9', width: 34, height: 34 } },
    { selector: 'node.choke', style: { 'border-width': 4, 'border-color': '#b45309', 'border-style': 'double' } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#6b7280',
        'target-arrow-color': '#6b7280',
        'target-arrow-shape': large ? 'none' : 'triangle',
        'curve-style': large ? 'haystack' : 'bezier',
        label: large ? '' : 'data(label)',
        'font-size': 9,
        color: '#374151',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 1,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge.unknown', style: { 'line-style': 'dashed' } },
    { selector: ':selected', style: { 'overlay-color': '#1d4ed8', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'line-color': '#1d4ed8', 'target-arrow-color': '#1d4ed8', width: 3 } },
    { selector: '.faded', style: { opacity: 0.25 } },
  ];
}
